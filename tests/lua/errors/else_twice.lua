if true then
else
else
end
